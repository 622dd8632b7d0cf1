import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/access.decorators';
import { DomainError } from '../platform/errors/domain-error';
import { ApiProblems, ApiResult, type SchemaObject } from '../platform/openapi/api-docs';

const INDICATORS: SchemaObject = {
  type: 'object',
  additionalProperties: { type: 'object', required: ['status'], properties: { status: { type: 'string' } } },
};
/** Terminus's report: `status` ok, and each indicator's state in `info` and `details`. */
const HEALTH: SchemaObject = {
  type: 'object',
  required: ['status', 'details'],
  properties: { status: { type: 'string', enum: ['ok'] }, info: INDICATORS, error: INDICATORS, details: INDICATORS },
};

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  /** 200 when the database answers within 3 s, else 503 (for load balancers and uptime checks). */
  @Public()
  @ApiResult(200, HEALTH, { status: 'ok', info: { database: { status: 'up' } }, error: {}, details: { database: { status: 'up' } } })
  @ApiProblems(503)
  @Get()
  // Documented above (503 is problem+json here); no-cache as Terminus's default.
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  async check() {
    try {
      return await this.health.check([() => this.database.pingCheck('database', { timeout: 3000 })]);
    } catch (error) {
      // Terminus's 503 carries no message; the database is the one thing checked, so name it.
      if (error instanceof ServiceUnavailableException) throw new DomainError('SERVICE_UNAVAILABLE', 'The database is unreachable.');
      throw error;
    }
  }
}
