import { Module } from '@nestjs/common';
import { FilesModule } from '../platform/files/files.module';
import { ScansController } from './scans.controller';
import { ScansService } from './scans.service';
import { ScansRepository } from './scans.repository';

/** Duplex scans (SPEC §2) and their report files. */
@Module({
  imports: [FilesModule],
  controllers: [ScansController],
  providers: [ScansService, ScansRepository],
})
export class ScansModule {}
