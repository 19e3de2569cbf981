import { HttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { Permission } from '@boiduong/shared-contracts';
import { LanguageService, SessionStore } from '@boiduong/web-core';
import { TranslateService } from '@ngx-translate/core';
import { type } from './dom';
import { setupTestBed } from './test-bed';
import { LEARNER } from './users';
import { nextRequest, sleep, until } from './wait';

describe('web test support', () => {
  it('loads the app translations in both languages and signs the user in with the permissions asked for', async () => {
    await setupTestBed({ user: LEARNER, permissions: [Permission.CourseStudy] });
    const translate = TestBed.inject(TranslateService);
    expect(translate.instant('common.loading')).toBe('Đang tải…');
    await TestBed.inject(LanguageService).use('en');
    expect(translate.instant('common.loading')).toBe('Loading…');
    expect(TestBed.inject(SessionStore).user()).toMatchObject({ username: 'hocvien', permissions: [Permission.CourseStudy] });
  });

  it('leaves a visitor signed out', async () => {
    await setupTestBed({ user: null });
    expect(TestBed.inject(SessionStore).user()).toBeNull();
  });

  it('waits for a request sent later, and refuses two at once', async () => {
    const backend = await setupTestBed({ user: LEARNER });
    const http = TestBed.inject(HttpClient);
    setTimeout(() => http.get('/api/v1/later').subscribe(), 30);
    const later = await nextRequest(backend, '/api/v1/later');
    expect(later.request.method).toBe('GET');
    later.flush({});

    http.get('/api/v1/twice').subscribe();
    http.get('/api/v1/twice').subscribe();
    http.post('/api/v1/once', {}).subscribe();
    await expect(nextRequest(backend, '/api/v1/twice')).rejects.toThrow('2 requests to GET /api/v1/twice, expected one');
    (await nextRequest(backend, '/api/v1/once', { method: 'POST' })).flush({});
    await expect(nextRequest(backend, '/api/v1/never', { timeoutMs: 50 })).rejects.toThrow('no request to GET /api/v1/never within 50 ms');
    backend.verify();
  });

  it('passes over a request that was cancelled', async () => {
    const backend = await setupTestBed({ user: LEARNER });
    const http = TestBed.inject(HttpClient);
    http.get('/api/v1/reloaded').subscribe().unsubscribe();
    http.get('/api/v1/reloaded').subscribe();
    const live = await nextRequest(backend, '/api/v1/reloaded');
    expect(live.cancelled).toBe(false);
    live.flush({});
  });

  it('polls until a value comes, rendering before each try', async () => {
    let renders = 0;
    let ready = false;
    void sleep(30).then(() => (ready = true));
    expect(await until(() => ready && 'done', { render: () => renders++ })).toBe('done');
    expect(renders).toBeGreaterThan(1);
    await expect(until(() => false, { timeoutMs: 20 })).rejects.toThrow('condition not met within 20 ms');
  });

  it('types into a text box with an input event and into a select with a change event', () => {
    const input = document.createElement('input');
    const select = document.createElement('select');
    select.append(new Option('A', 'a'), new Option('B', 'b'));
    const events: string[] = [];
    input.addEventListener('input', () => events.push(`input:${input.value}`));
    select.addEventListener('change', () => events.push(`change:${select.value}`));
    type(input, 'Hà Nội');
    type(select, 'b');
    expect(events).toEqual(['input:Hà Nội', 'change:b']);
    expect(() => type(null, 'x')).toThrow('no such control');
  });
});
