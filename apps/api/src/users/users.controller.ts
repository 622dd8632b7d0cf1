import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Page, PasswordReset, User } from '@venule/api-contract';
import { Allow } from '../auth/access.decorators';
import { CurrentStaff, type SignedInStaff } from '../auth/staff';
import { PagingQuery } from '../platform/http/paging.dto';
import { ApiBodyExample, ApiProblems, ApiResult, contract, pageExample, pageOf } from '../platform/openapi/api-docs';
import { CreateUserDto } from './dto/create-user.dto';
import { ResetPasswordDto } from './dto/reset-password.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UsersService } from './users.service';
import { createUserExample, passwordResetExample, resetPasswordExample, updateUserExample, userExample } from './users.examples';

const EMAIL_TAKEN = { code: 'CONFLICT', detail: 'An account with this email already exists.' } as const;

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Allow('manageStaff')
  @ApiResult(200, pageOf('User'), pageExample([userExample]))
  @ApiProblems(400)
  @Get()
  list(@Query() page: PagingQuery): Promise<Page<User>> {
    return this.users.list(page.limit, page.offset);
  }

  @Allow('manageStaff')
  @ApiBodyExample(CreateUserDto, createUserExample)
  @ApiResult(201, contract('User'), userExample)
  @ApiProblems(400, EMAIL_TAKEN)
  @Post()
  create(@Body() body: CreateUserDto, @CurrentStaff() staff: SignedInStaff): Promise<User> {
    return this.users.create(body, staff.id);
  }

  @Allow('manageStaff')
  @ApiBodyExample(UpdateUserDto, updateUserExample)
  @ApiResult(200, contract('User'), { ...userExample, version: 2, role: 'manager' })
  @ApiProblems(400, 404, 409)
  @Patch(':id')
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateUserDto, @CurrentStaff() staff: SignedInStaff): Promise<User> {
    return this.users.update(id, body, staff.id);
  }

  /** A temporary password, answered once; the person's sessions end and they must change it. */
  @Allow('manageStaff')
  @ApiBodyExample(ResetPasswordDto, resetPasswordExample)
  @ApiResult(200, contract('PasswordReset'), passwordResetExample)
  @ApiProblems(400, 404, 409)
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
