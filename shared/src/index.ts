export * from './errors.js';
export * from './common.js';
export * from './access.js';
export * from './org.js';
export * from './member.js';
export * from './audit.js';
export * from './auth.js';
export * from './rules/org-rules.js';
