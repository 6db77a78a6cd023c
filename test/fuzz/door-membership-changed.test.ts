import { describeDoorFuzz } from './support/door-fuzz';

describeDoorFuzz('membership-changed');
