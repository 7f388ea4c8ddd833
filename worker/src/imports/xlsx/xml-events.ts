import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';

/** What the handlers see: element names without their namespace prefix (`x:row` is `row`). */
export interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>): void;
  text?(text: string): void;
  close?(name: string): void;
}

const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
};

/** A streaming XML parser wired to the handlers; feed it text with `write`, then `close`. */
export function xmlParser(handlers: XmlHandlers): SaxesParser {
  const parser = new SaxesParser();
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (tag) => open(localName(tag.name), tag.attributes as Record<string, string>));
  }
  if (handlers.close) {
    const close = handlers.close;
    // saxes reports a self-closing <c/> as an open and a close, like <c></c>.
    parser.on('closetag', (tag) => close(localName(tag.name)));
  }
  if (handlers.text) parser.on('text', handlers.text);
  return parser;
}

/**
 * Parses an XML stream, calling `afterChunk` after each piece so a caller can hand on what the
 * piece completed (rows) without holding the whole document.
 */
export async function* parseXmlStream(stream: Readable, handlers: XmlHandlers): AsyncGenerator<void> {
  const parser = xmlParser(handlers);
  const decoder = new StringDecoder('utf8');
  for await (const chunk of stream) {
    parser.write(decoder.write(chunk as Buffer));
    yield;
  }
  parser.write(decoder.end());
  parser.close();
  yield;
}

/** Parses a small XML document held as text. */
export function parseXmlText(text: string, handlers: XmlHandlers): void {
  xmlParser(handlers).write(text).close();
}
