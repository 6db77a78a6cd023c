import { describeDoorFuzz } from './support/door-fuzz';

describeDoorFuzz('macie-member-changed');
