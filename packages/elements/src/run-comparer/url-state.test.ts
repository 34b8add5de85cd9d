import { expect } from '@open-wc/testing';
import { readViewState } from './url-state.js';

describe('readViewState: the step', () => {
  it('is a whole number on _step, anything else is dropped', () => {
    expect(readViewState(new URLSearchParams('step=1500')).step).to.equal(1500);
    expect(readViewState(new URLSearchParams('step=3.6')).step).to.equal(null);
    expect(readViewState(new URLSearchParams('step=-2')).step).to.equal(null);
    expect(readViewState(new URLSearchParams('step=abc')).step).to.equal(null);
  });

  it('may be fractional or negative on another axis (epoch 3.6), never NaN or Infinity', () => {
    expect(readViewState(new URLSearchParams('axis=epoch&step=3.6')).step).to.equal(3.6);
    expect(readViewState(new URLSearchParams('axis=epoch&step=0.125')).step).to.equal(0.125);
    expect(readViewState(new URLSearchParams(`axis=epoch&step=${0.1 + 0.2}`)).step).to.equal(0.1 + 0.2);
    expect(readViewState(new URLSearchParams('axis=delta&step=-2.5')).step).to.equal(-2.5);
    expect(readViewState(new URLSearchParams('axis=_runtime&step=1.5e3')).step).to.equal(1500);
    expect(readViewState(new URLSearchParams('axis=epoch&step=Infinity')).step).to.equal(null);
    expect(readViewState(new URLSearchParams('axis=epoch&step=NaN')).step).to.equal(null);
    expect(readViewState(new URLSearchParams('axis=epoch&step=')).step).to.equal(null);
  });
});
