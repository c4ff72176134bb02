import { prefersHtml } from './page';

describe('prefersHtml (which GET /graphql gets the GraphiQL page)', () => {
  it.each([
    // Chromium's and Firefox's navigations
    ['text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7', true],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', true],
    ['application/json;q=0.5, text/html', true],
  ])('a browser page load: %s', (accept, expected) => {
    expect(prefersHtml(accept)).toBe(expected);
  });

  it.each([
    [undefined],
    [''],
    ['*/*'],
    ['application/json'],
    ['application/graphql-response+json, application/json;q=0.9'],
    // A tie goes to GraphQL, as with Apollo Server's landing page.
    ['text/html, application/json'],
    ['text/html;q=0.5, application/json'],
    ['text/html;q=0'],
    ['text/html;q=abc'],
  ])('a GraphQL client: %s', (accept) => {
    expect(prefersHtml(accept)).toBe(false);
  });
});
