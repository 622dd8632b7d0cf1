import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SCAN_FILE_FIELD, SCAN_FILE_MAX_BYTES, SCAN_FILE_MEDIA_TYPES, type Page, type Scan, type ScanFile } from '@venule/api-contract';
import type { FastifyRequest } from 'fastify';
import { Allow } from '../auth/access.decorators';
import { CurrentStaff, type SignedInStaff } from '../auth/staff';
import { readSingleUpload } from '../platform/files/upload';
import { PagingQuery } from '../platform/http/paging.dto';
import { ApiBodyExample, ApiProblems, ApiResult, contract, pageExample, pageOf } from '../platform/openapi/api-docs';
import { RecordScanDto } from './dto/record-scan.dto';
import { ScansService } from './scans.service';
import { recordScanExample, scanExample, scanFileExample } from './scans.examples';

/** `attachment; filename="..."` with an ASCII fallback and the UTF-8 name (RFC 6266). */
const attachment = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

@ApiTags('scans')
@Controller()
export class ScansController {
  constructor(private readonly scans: ScansService) {}

  @Allow('writeClinical')
  @ApiBodyExample(RecordScanDto, recordScanExample)
  @ApiResult(201, contract('Scan'), { ...scanExample, files: [] })
  @ApiProblems(400, 404)
  @Post('patients/:id/scans')
  @ApiOperation({
    summary: 'Record a duplex scan (clinicians)',
    description:
      'At least one leg; `performedOn` not after today (clinic time zone). A leg concluded `clear` with findings of underlying disease ' +
      '(truncal or perforator reflux, deep reflux or obstruction, DVT) is refused: 400 naming `legs.<leg>.conclusion`.',
  })
  record(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: RecordScanDto, @CurrentStaff() staff: SignedInStaff): Promise<Scan> {
    return this.scans.record(id, body, staff);
  }

  @Allow('readClinical')
  @ApiResult(200, pageOf('Scan'), pageExample([scanExample]))
  @ApiProblems(400, 404)
  @Get('patients/:id/scans')
  @ApiOperation({ summary: "A patient's scans, newest first, with legs (findings) and report files" })
  list(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() page: PagingQuery,
    @CurrentStaff() staff: SignedInStaff,
  ): Promise<Page<Scan>> {
    return this.scans.list(id, page.limit, page.offset, staff);
  }

  @Allow('writeClinical')
  @ApiResult(201, contract('ScanFile'), scanFileExample)
  @ApiProblems(400, 404, 413, 415)
  @Post('scans/:id/files')
  @ApiOperation({ summary: 'Attach a scan report: PDF, PNG or JPEG (checked by content), at most 10 MB; 415 / 413 otherwise' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: [SCAN_FILE_FIELD], properties: { [SCAN_FILE_FIELD]: { type: 'string', format: 'binary' } } },
  })
  attachFile(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: FastifyRequest,
    @CurrentStaff() staff: SignedInStaff,
  ): Promise<ScanFile> {
    return this.scans.attachFile(id, () => readSingleUpload(request, SCAN_FILE_FIELD, SCAN_FILE_MAX_BYTES), staff);
  }

  @Allow('readClinical')
  @ApiResponse({
    status: 200,
    description: 'The report as uploaded',
    content: Object.fromEntries(SCAN_FILE_MEDIA_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
  })
  @ApiProblems(404)
  @Get('scans/:id/files/:fileId')
  @HttpCode(200)
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ summary: 'Download a scan report (as an attachment)' })
  async download(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('fileId', new ParseUUIDPipe()) fileId: string,
    @CurrentStaff() staff: SignedInStaff,
  ): Promise<StreamableFile> {
    const { file, content } = await this.scans.openFile(id, fileId, staff);
    return new StreamableFile(content, { type: file.mediaType, length: file.sizeBytes, disposition: attachment(file.originalName) });
  }
}
