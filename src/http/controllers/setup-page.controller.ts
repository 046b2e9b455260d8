import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/roles.decorator';
import { ApiMediaAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ROUTE_ERRORS } from '../openapi/route-errors';
import { SETUP_PAGE_HTML } from '../pages/setup.page';

@ApiTags('session')
@Controller('setup')
export class SetupPageController {
  @Get()
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @ApiProduces('text/html')
  @ApiMediaAnswer(200, 'The setup page', { 'text/html': { description: 'A self-contained HTML page', example: '<!doctype html><html lang="vi">…</html>' } })
  @ApiErrors(...ROUTE_ERRORS.setupPage)
  @ApiOperation({ summary: 'The page behind the start-up banner\'s setup link: the first admin chooses a password (POST /v1/setup)' })
  page(): string {
    return SETUP_PAGE_HTML;
  }
}
