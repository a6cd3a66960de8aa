// Moved to common/auth-context.ts (common/ is the leaf every module may import); kept so branches written before the move still compile.
export * from '../common/auth-context.js';
