import { expect } from '@open-wc/testing';
import { adjacentStep, nearestAtOrBefore, neighbourSteps, unionOfSteps } from './step-lookup.js';

describe('step lookup', () => {
  const steps = [0, 100, 150, 200, 1150];

  it('finds the nearest step at or before a step', () => {
    expect(nearestAtOrBefore(steps, 150)).to.equal(150);
    expect(nearestAtOrBefore(steps, 1199)).to.equal(1150);
    expect(nearestAtOrBefore(steps, 99)).to.equal(0);
    expect(nearestAtOrBefore([50, 60], 10)).to.equal(null);
    expect(nearestAtOrBefore([], 10)).to.equal(null);
  });

  it('scales to long histories', () => {
    const many = Array.from({ length: 200_000 }, (_, i) => i * 5);
    expect(nearestAtOrBefore(many, 777_777)).to.equal(777_775);
  });

  it('lists neighbours nearest first, never the step itself', () => {
    expect(neighbourSteps(steps, 150, 2, 2)).to.deep.equal([200, 1150, 100, 0]);
    expect(neighbourSteps(steps, 120, 1, 1)).to.deep.equal([150, 100]);
    expect(neighbourSteps(steps, 1150, 1, 2)).to.deep.equal([200]);
  });

  it('moves to the adjacent logged step', () => {
    expect(adjacentStep(steps, 150, 1)).to.equal(200);
    expect(adjacentStep(steps, 150, -1)).to.equal(100);
    expect(adjacentStep(steps, 0, -1)).to.equal(null);
    expect(adjacentStep(steps, 1150, 1)).to.equal(null);
  });

  it('merges step lists', () => {
    expect(unionOfSteps([[0, 100], [50, 100, 300], []])).to.deep.equal([0, 50, 100, 300]);
  });
});
