// Moved to common/base.entity.ts; kept so branches written before the move still compile — import from common/ (the architecture test flags module → db imports).
export * from '../common/base.entity.js';
