export * from './common';
export * from './roles';
export * from './errors';
export * from './auth';
export * from './users';
export * from './patients';
export * from './medical-history';
export * from './audit';
