import { accountType } from '../domain/subjects/account';
import { handshakeType } from '../domain/subjects/handshake';
import type { EventPublisher } from '../ports/event-publisher';
import type { OrganizationsReader } from '../ports/organizations';
import type { Executors } from '../use-cases/effects/effect-executor';
import { publishExecutor } from '../use-cases/effects/publish';
import { register, type RegisteredSubject } from '../use-cases/pipeline/subject-registry';

/** The Organizations subject types with their readers; the reader is built on first read. */
export const organizationsSubjects = (organizations: () => OrganizationsReader): RegisteredSubject[] => [
  register(handshakeType, (id) => organizations().describeHandshake(id)),
  register(accountType, (id) => organizations().describeAccount(id)),
];

/** The publishing executor over a publisher built on first publish. */
export const publishing = (publisher: () => EventPublisher): Executors => ({ publish: publishExecutor({ publish: (events) => publisher().publish(events) }) });
