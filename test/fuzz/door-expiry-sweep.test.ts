import { describeDoorFuzz } from './support/door-fuzz';

describeDoorFuzz('expiry-sweep');
