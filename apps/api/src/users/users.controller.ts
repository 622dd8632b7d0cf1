import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Page, PasswordReset, User } from '@venule/api-contract';
import { Allow } from '../auth/access.decorators';
import { CurrentStaff, type SignedInStaff } from '../auth/staff';
import { PagingQuery } from '../platform/http/paging.dto';
import { CreateUserDto } from './dto/create-user.dto';
import { ResetPasswordDto } from './dto/reset-password.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Allow('manageStaff')
  @Get()
  list(@Query() page: PagingQuery): Promise<Page<User>> {
    return this.users.list(page.limit, page.offset);
  }

  @Allow('manageStaff')
  @Post()
  create(@Body() body: CreateUserDto, @CurrentStaff() staff: SignedInStaff): Promise<User> {
    return this.users.create(body, staff.id);
  }

  @Allow('manageStaff')
  @Patch(':id')
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateUserDto,
    @CurrentStaff() staff: SignedInStaff,
  ): Promise<User> {
    return this.users.update(id, body, staff.id);
  }

  /** A temporary password, answered once; the person's sessions end and they must change it. */
  @Allow('manageStaff')
  @Post(':id/password-reset')
  @HttpCode(200)
  resetPassword(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ResetPasswordDto,
    @CurrentStaff() staff: SignedInStaff,
  ): Promise<PasswordReset> {
    return this.users.resetPassword(id, body.version, staff.id);
  }
}
