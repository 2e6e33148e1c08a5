// Map.AddInterceptor / Map.RemoveInterceptor (Java client 5.7.0; MapAddInterceptorCodec,
// MapRemoveInterceptorCodec). The interceptor travels as serialized Data.
import { defineMessage } from '../codec.ts';
import { t } from '../types.ts';

export const MapAddInterceptor = defineMessage({
  name: 'Map.AddInterceptor',
  id: 0x011400,
  request: { name: t.string, interceptor: t.data },
  response: { response: t.string },
});

export const MapRemoveInterceptor = defineMessage({
  name: 'Map.RemoveInterceptor',
  id: 0x011500,
  request: { name: t.string, id: t.string },
  response: { response: t.boolean },
});
