import { MemoryStateStore } from '../../shared/local/memory/memory-state-store';
import { describeStateStoreContract } from './state-store-contract';

// The in-memory store passes the contract the DynamoDB store passes (test/integration/dynamodb-state-store.test.ts).
describeStateStoreContract('MemoryStateStore', () => Promise.resolve(new MemoryStateStore()));
