import { angularConfig } from '../../../eslint.base.config.mjs';

export default angularConfig('bd');
