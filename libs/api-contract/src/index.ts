export * from './common';
export * from './roles';
export * from './errors';
export * from './auth';
export * from './users';
