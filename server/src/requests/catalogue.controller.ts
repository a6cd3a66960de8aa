import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  BookingListQuerySchema,
  CancelBookingSchema,
  CatalogueItemSchema,
  CatalogueSchema,
  CommitteeQuerySchema,
  CreateBookingSchema,
  RoomBookingListSchema,
  RoomBookingSchema,
  SaveCatalogueItemSchema,
  SaveRoomSchema,
  ServiceRoomSchema,
  UuidSchema,
  type BookingListQuery,
  type CancelBookingDto,
  type Catalogue,
  type CatalogueItem,
  type CommitteeQuery,
  type CreateBookingDto,
  type RoomBooking,
  type RoomBookingList,
  type SaveCatalogueItemDto,
  type SaveRoomDto,
  type ServiceRoom,
} from '@dangjian/shared';
import { Auth } from '../access/auth.decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { CatalogueService } from './catalogue.service.js';

/** The committee's service catalogue (政策、红色服务通道) and the 党群服务中心's room bookings. */
@ApiTags('services')
@ApiBearerAuth()
@Controller('services')
export class CatalogueController {
  constructor(private readonly service: CatalogueService) {}

  @Get()
  @ApiOkResponse({ standardSchema: CatalogueSchema })
  catalogue(@Auth() auth: AuthContext, @Query({ schema: CommitteeQuerySchema }) q: CommitteeQuery): Promise<Catalogue> {
    return this.service.catalogue(auth, q.committeeId);
  }

  @Post('items')
  @ApiCreatedResponse({ standardSchema: CatalogueItemSchema })
  createItem(@Auth() auth: AuthContext, @Body({ schema: SaveCatalogueItemSchema }) dto: SaveCatalogueItemDto): Promise<CatalogueItem> {
    return this.service.saveItem(auth, null, dto);
  }

  @Put('items/:id')
  @ApiOkResponse({ standardSchema: CatalogueItemSchema })
  updateItem(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: SaveCatalogueItemSchema }) dto: SaveCatalogueItemDto,
  ): Promise<CatalogueItem> {
    return this.service.saveItem(auth, id, dto);
  }

  @Post('rooms')
  @ApiCreatedResponse({ standardSchema: ServiceRoomSchema })
  createRoom(@Auth() auth: AuthContext, @Body({ schema: SaveRoomSchema }) dto: SaveRoomDto): Promise<ServiceRoom> {
    return this.service.saveRoom(auth, null, dto);
  }

  @Put('rooms/:id')
  @ApiOkResponse({ standardSchema: ServiceRoomSchema })
  updateRoom(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: SaveRoomSchema }) dto: SaveRoomDto,
  ): Promise<ServiceRoom> {
    return this.service.saveRoom(auth, id, dto);
  }

  @Get('bookings')
  @ApiOkResponse({ standardSchema: RoomBookingListSchema })
  bookings(@Auth() auth: AuthContext, @Query({ schema: BookingListQuerySchema }) q: BookingListQuery): Promise<RoomBookingList> {
    return this.service.bookings(auth, q);
  }

  /** One booking; an overlapping live booking of the room answers 409 ROOM_SLOT_TAKEN (exclusion constraint). */
  @Post('bookings')
  @ApiCreatedResponse({ standardSchema: RoomBookingSchema })
  book(@Auth() auth: AuthContext, @Body({ schema: CreateBookingSchema }) dto: CreateBookingDto): Promise<RoomBooking> {
    return this.service.book(auth, dto);
  }

  @Post('bookings/:id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: RoomBookingSchema })
  cancel(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: CancelBookingSchema }) dto: CancelBookingDto,
  ): Promise<RoomBooking> {
    return this.service.cancel(auth, id, dto);
  }
}
