// The calculators: typed by common/modules/calculators/calculators.contract.ts.
import type { Static } from 'typebox';
import type {
  IdNumberResultView, LecResultView, LsResultView, MajorHazardCalcBody, MajorHazardCalcView, PlaceGradeResultView, SmallPlaceBody,
  SmallPlaceResultView, UsccResultView,
} from '../../../common/modules/calculators/calculators.contract.js';
import { http } from '../../api/client.js';

export type LecResult = Static<typeof LecResultView>;
export type LsResult = Static<typeof LsResultView>;
export type MajorHazardResult = Static<typeof MajorHazardCalcView>;
export type UsccResult = Static<typeof UsccResultView>;
export type IdNumberResult = Static<typeof IdNumberResultView>;
export type SmallPlaceResult = Static<typeof SmallPlaceResultView>;
export type PlaceGradeResult = Static<typeof PlaceGradeResultView>;

export const calcApi = {
  lec: (body: { L: number; E: number; C: number }) => http.post<LecResult>('/api/calculators/lec', body),
  ls: (body: { L: number; S: number }) => http.post<LsResult>('/api/calculators/ls', body),
  majorHazard: (body: Static<typeof MajorHazardCalcBody>) => http.post<MajorHazardResult>('/api/calculators/major-hazard', body),
  uscc: (code: string) => http.post<UsccResult>('/api/calculators/uscc', { code }),
  idNumber: (idNumber: string) => http.post<IdNumberResult>('/api/calculators/id-number', { idNumber }),
  smallPlace: (body: Static<typeof SmallPlaceBody>) => http.post<SmallPlaceResult>('/api/calculators/small-place-kind', body),
  placeGrade: (inputs: Record<string, number | string>) => http.post<PlaceGradeResult>('/api/calculators/place-grade', { inputs }),
};
