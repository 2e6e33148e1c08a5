// CardinalityEstimator.* messages (Java client 5.7.0; CardinalityEstimator*Codec).
import { defineMessage } from '../codec.ts';
import { t } from '../types.ts';

export const CardinalityEstimatorAdd = defineMessage({
  name: 'CardinalityEstimator.Add',
  id: 0x190100,
  request: { hash: t.long, name: t.string },
  response: {},
});

export const CardinalityEstimatorEstimate = defineMessage({
  name: 'CardinalityEstimator.Estimate',
  id: 0x190200,
  request: { name: t.string },
  response: { response: t.long },
});
