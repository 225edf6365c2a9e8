/**
 * Language negotiation, once for every endpoint: `?lang=zh-CN|en` (for links, e.g. the settlement
 * sheet) over `Accept-Language`, 简体中文 when neither names a language we write. `lang` is taken
 * out of the query here, before validation, so that the routes' strict query schemas never see it.
 * Every answer says its language (Content-Language) and that it depends on the header (Vary).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DEFAULT_LANG, negotiateLang, type Lang } from '../../domain/i18n/lang';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
  }
}

/** The language of a request, also where no hook ran (the router's own errors). */
export function requestLang(request: Pick<FastifyRequest, 'headers' | 'query'>): Lang {
  const query = request.query as Record<string, unknown> | undefined;
  const override = typeof query?.lang === 'string' ? query.lang : undefined;
  const header = request.headers['accept-language'];
  return negotiateLang(typeof header === 'string' ? header : undefined, override);
}

export const languagePlugin = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('lang', DEFAULT_LANG);
    app.addHook('onRequest', async (request, reply) => {
      request.lang = requestLang(request);
      const query = request.query as Record<string, unknown> | undefined;
      if (query && typeof query === 'object' && 'lang' in query) delete query.lang;
      void reply.header('content-language', request.lang);
      void reply.header('vary', 'Accept-Language');
    });
  },
  { name: 'language' },
);
