export { loadServiceModel, loadPaginators, operationOf, shapeOf } from './service-model';
export type { MemberRef, OperationModel, PaginatorModel, ServiceModel, Shape } from './service-model';
export { validateShape } from './validate-shape';
export type { ShapeViolation, TimestampFormat, ValidateOptions, ViolationKind } from './validate-shape';
export { javaPatternToRegExp } from './java-regex';
