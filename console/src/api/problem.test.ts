import { PROBLEM_SLUGS } from '@domain/problem-slugs';
import { ApiError } from './problem';

const errorOfType = (type: string, status = 400) => new ApiError(status, { type, title: 'x', status });

describe('the slug of an API error', () => {
  it("is the API's own slug for every problem type the API sends", () => {
    for (const slug of PROBLEM_SLUGS) expect(errorOfType(`/problems/${slug}`).slug).toBe(slug);
  });

  it("is 'network' when no answer came, and 'server' for a type the contract does not name", () => {
    expect(errorOfType('/problems/network', 0).slug).toBe('network');
    expect(errorOfType('about:blank', 502).slug).toBe('server');
    expect(errorOfType('/problems/something-new', 500).slug).toBe('server');
  });
});
