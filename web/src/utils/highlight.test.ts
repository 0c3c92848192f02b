import { describe, expect, it } from 'vitest';
import { highlight, queryTerms } from './highlight';

describe('highlight', () => {
  it('marks a two-character Chinese word inside longer text', () => {
    expect(highlight('机房服务器宕机，业务中断', '宕机')).toEqual([
      { text: '机房服务器', mark: false }, { text: '宕机', mark: true }, { text: '，业务中断', mark: false },
    ]);
  });
  it('marks the bigrams of a longer Chinese query and other words case-insensitively', () => {
    expect(queryTerms('服务器 VPN')).toEqual(['服务器', 'vpn', '服务', '务器']);
    expect(highlight('VPN 服务中断', '服务器 vpn').filter((s) => s.mark).map((s) => s.text)).toEqual(['VPN', '服务']);
  });
  it('leaves text without a match alone, and markup stays text', () => {
    expect(highlight('<b>打印机</b>', '网络')).toEqual([{ text: '<b>打印机</b>', mark: false }]);
  });
});
