import { writeFileSync } from 'node:fs';
import { CONTRACT_SCHEMAS_FILE, contractSchemasModule } from './contract-schemas';

writeFileSync(CONTRACT_SCHEMAS_FILE, contractSchemasModule());
console.log(`wrote ${CONTRACT_SCHEMAS_FILE}`);
