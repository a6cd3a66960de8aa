import { Global, Module } from '@nestjs/common';
import { TodoRegistry } from './todo-registry.js';
import { TodosController } from './todos.controller.js';

/** The to-do centre. Global, so every module's provider can inject the registry without importing this module. */
@Global()
@Module({
  controllers: [TodosController],
  providers: [TodoRegistry],
  exports: [TodoRegistry],
})
export class TodosModule {}
