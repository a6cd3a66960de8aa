import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { TodoCountSchema, TodoListSchema, type TodoCount, type TodoList } from '@dangjian/shared';
import { z } from 'zod';
import type { AuthContext } from '../common/auth-context.js';
import { Auth } from '../access/auth.decorators.js';
import { TodoRegistry } from './todo-registry.js';

const TodoQuerySchema = z.object({ source: z.string().max(40).optional() }).meta({ id: 'TodoQuery' });

/** 待办: one list of what waits for the caller across every module. */
@ApiTags('todos')
@ApiBearerAuth()
@Controller('todos')
export class TodosController {
  constructor(private readonly registry: TodoRegistry) {}

  @Get()
  @ApiOkResponse({ standardSchema: TodoListSchema })
  list(@Auth() auth: AuthContext, @Query({ schema: TodoQuerySchema }) q: { source?: string }): Promise<TodoList> {
    return this.registry.collect(auth, q.source);
  }

  /** The home page's count and the tab bar badge. */
  @Get('count')
  @ApiOkResponse({ standardSchema: TodoCountSchema })
  async count(@Auth() auth: AuthContext): Promise<TodoCount> {
    const all = await this.registry.collect(auth);
    return { total: all.total, overdue: all.items.filter((i) => i.overdue).length };
  }
}
