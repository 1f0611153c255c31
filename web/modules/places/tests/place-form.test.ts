import { describe, expect, it } from 'vitest';
import { optionalFields } from '../components/PlaceForm.js';

describe('what the place form sends for its optional fields', () => {
  it('leaves empty numbers and the use out of a new place (never null, which the server would read as 0)', () => {
    const body = optionalFields({ use: undefined, floors: null, floor: null, topFloor: undefined, seats: 40, boarding: undefined }, null);
    expect(body).toEqual({ seats: 40 });
    expect('floor' in body).toBe(false);
  });

  it('sends null for a field emptied on an edit, so the stored value is cleared, and keeps 0 where 0 was typed', () => {
    const body = optionalFields({ use: '', floor: null, topFloor: 0, beds: null }, { use: 'restaurant', floor: 2, topFloor: 3, beds: null });
    expect(body).toEqual({ use: null, floor: null, topFloor: 0 });
  });
});
