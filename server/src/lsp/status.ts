// jianggao/settled: answers once no check is scheduled or running, so a test or a script can
// read the diagnostics knowing they are the last word on the current texts.

import { REQUESTS } from '../protocol';
import { Feature } from './feature';

export const status: Feature = {
  register({ ctx, validation }) {
    ctx.connection.onRequest(REQUESTS.settled, () => validation.settled());
  },
};
