import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SESSION_COOKIE, type SessionInfo } from '@venule/api-contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { ApiBodyExample, ApiNoContent, ApiProblems, ApiResult, contract } from '../platform/openapi/api-docs';
import { Allow, BeforePasswordChange, Public } from './access.decorators';
import { AuthService } from './auth.service';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { CurrentStaff, type SignedInStaff } from './staff';
import { changePasswordExample, loginExample, sessionInfoExample } from './auth.examples';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @ApiBodyExample(LoginDto, loginExample)
  @ApiResult(200, contract('SessionInfo'), sessionInfoExample, { description: 'Signed in: the session cookie is set' })
  @ApiProblems(400, { code: 'UNAUTHENTICATED', detail: 'The email or password is wrong.' }, 429)
  @Post('login')
  @HttpCode(200)
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionInfo> {
    const { token, info } = await this.auth.login(body.email, body.password, {
      ip: request.ip,
      userAgent: request.headers['user-agent'],
    });
    void reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.cookieSecure,
      path: '/',
    });
    return info;
  }

  @Public()
  @ApiNoContent('Signed out: the session ends and its cookie is cleared')
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const token = request.cookies?.[SESSION_COOKIE];
    if (token) await this.auth.logout(token, { ip: request.ip });
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Allow('signedIn')
  @BeforePasswordChange()
  @ApiResult(200, contract('SessionInfo'), sessionInfoExample)
  @Get('me')
  me(@CurrentStaff() staff: SignedInStaff): Promise<SessionInfo> {
    return this.auth.info(staff, staff.expiresAt, staff.idleTimeoutMinutes);
  }

  /** Changes one's own password; the other sessions of this person end, this one goes on. */
  @Allow('signedIn')
  @BeforePasswordChange()
  @ApiBodyExample(ChangePasswordDto, changePasswordExample)
  @ApiResult(200, contract('SessionInfo'), sessionInfoExample)
  @ApiProblems(400, 429)
  @Post('password')
  @HttpCode(200)
  changePassword(@Body() body: ChangePasswordDto, @CurrentStaff() staff: SignedInStaff): Promise<SessionInfo> {
    return this.auth.changePassword(staff, body.currentPassword, body.newPassword);
  }
}
