import { describeDoorFuzz } from './support/door-fuzz';

describeDoorFuzz('handshake-changed');
