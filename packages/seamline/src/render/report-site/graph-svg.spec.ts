import { DRAWN_SEAMS_MAX, graphSvg } from './graph-svg';

const graphOf = (seams: number) => ({
  components: ['auth', 'users', 'billing'],
  edges: [
    ['users', 'auth'],
    ['billing', 'auth'],
  ] as [string, string][],
  seams: Array.from({ length: seams }, (_, i) => ({ name: `seam-${i}`, components: [i % 2 ? 'users' : 'billing', 'auth'] })),
});

describe('graphSvg', () => {
  it('draws each seam, linked to its row, and the components it exercises', () => {
    const svg = graphSvg(graphOf(3));
    expect(svg.match(/class="node seam"/g)).toHaveLength(3);
    expect(svg).toContain('<a href="#seam-seam-1" class="node seam">');
    expect(svg.match(/class="edge seam"/g)).toHaveLength(6);
    expect(svg.match(/class="edge depends"/g)).toHaveLength(2);
    expect(svg).toMatch(/<g class="node component">.*>auth<\/text>/);
  });

  it('past DRAWN_SEAMS_MAX seams, draws the components alone, each with how many seams exercise it', () => {
    const svg = graphSvg(graphOf(DRAWN_SEAMS_MAX + 1));
    expect(svg).not.toContain('class="node seam"');
    expect(svg).not.toContain('class="edge seam"');
    expect(svg.match(/class="edge depends"/g)).toHaveLength(2);
    expect(svg).toContain(`>auth (${DRAWN_SEAMS_MAX + 1} seams)</text>`);
    expect(svg).toContain(`>users (${(DRAWN_SEAMS_MAX + 1 - 1) / 2} seams)</text>`);
    expect(svg).toContain(`>billing (${(DRAWN_SEAMS_MAX + 1 + 1) / 2} seams)</text>`);
  });
});
