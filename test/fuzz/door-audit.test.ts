import { describeDoorFuzz } from './support/door-fuzz';

describeDoorFuzz('audit');
