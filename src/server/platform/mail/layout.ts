/** HTML-escapes text for templates. Every interpolated value goes through it. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

export type RenderedMail = { subject: string; text: string; html: string }

export type MailContent = {
  subject: string
  /** Sender organisation shown in the header and signature (the tenant's name). */
  tenantName: string
  greeting: string
  paragraphs: string[]
  action?: { label: string; url: string }
  footnote?: string
}

/**
 * Renders the common pt-BR layout in HTML and plain text. Templates build a MailContent and call
 * this; they never write HTML by hand.
 */
export function renderMail(c: MailContent): RenderedMail {
  const p = (t: string) => `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(t)}</p>`
  const button = c.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(c.action.url)}" style="background:#1c7ed6;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(c.action.label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#555">Se o botão não funcionar, copie e cole este endereço no navegador:<br><a href="${escapeHtml(c.action.url)}">${escapeHtml(c.action.url)}</a></p>`
    : ''
  const html = `<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8"><title>${escapeHtml(c.subject)}</title></head>
<body style="margin:0;background:#f4f6f8;font-family:Arial,Helvetica,sans-serif;color:#212529">
<div style="max-width:560px;margin:0 auto;padding:24px">
<div style="font-size:14px;color:#1c7ed6;font-weight:bold;margin-bottom:12px">${escapeHtml(c.tenantName)}</div>
<div style="background:#fff;border-radius:8px;padding:24px">
${p(c.greeting)}
${c.paragraphs.map(p).join('\n')}
${button}
${c.footnote ? `<p style="margin:16px 0 0;font-size:13px;color:#555">${escapeHtml(c.footnote)}</p>` : ''}
</div>
<p style="font-size:12px;color:#868e96;margin-top:16px">Mensagem automática enviada por ${escapeHtml(c.tenantName)} pelo Cadastra. Não responda a este e-mail.</p>
</div></body></html>`
  const text = [
    c.greeting,
    '',
    ...c.paragraphs.flatMap((x) => [x, '']),
    ...(c.action ? [`${c.action.label}: ${c.action.url}`, ''] : []),
    ...(c.footnote ? [c.footnote, ''] : []),
    '--',
    `Mensagem automática enviada por ${c.tenantName} pelo Cadastra. Não responda a este e-mail.`,
  ].join('\n')
  return { subject: c.subject, text, html }
}

/** Links found in a message (href targets and bare URLs in the text), deduplicated, in order. */
export function extractLinks(html: string, text: string): string[] {
  const found: string[] = []
  for (const m of html.matchAll(/href="([^"]+)"/g)) found.push(m[1].replaceAll('&amp;', '&'))
  for (const m of text.matchAll(/https?:\/\/[^\s<>"]+/g)) found.push(m[0])
  return [...new Set(found)]
}
