import { describe, expect, it } from 'vitest';
import { routeGroup } from './route-group';

describe('route groups of the metrics', () => {
  it('put every address in one of a few groups, whatever a visitor invents', () => {
    expect(routeGroup('/')).toBe('home');
    expect(routeGroup('/comuni/001272-torino')).toBe('comune');
    expect(routeGroup('/comuni/001272-torino/feed.xml')).toBe('feed');
    expect(routeGroup('/temi/solidarieta?pagina=2')).toBe('theme');
    expect(routeGroup('/messaggi/0190-x')).toBe('message');
    expect(routeGroup('/cerca?q=x')).toBe('search');
    expect(routeGroup('/api/v1/videos?limit=5')).toBe('api');
    expect(routeGroup('/api/uploads/abc')).toBe('upload');
    expect(routeGroup('/_next/static/chunks/a.js')).toBe('static');
    expect(routeGroup('/staff/moderazione')).toBe('signed-in');
    expect(routeGroup('/metrics')).toBe('monitoring');
    expect(routeGroup('/wp-login.php')).toBe('other');
    expect(routeGroup(undefined)).toBe('home');
  });
});
