/** One online/local rule, from the endpoint's host. */
import assert from 'node:assert/strict';
import { locationOfEndpoint, locationOfSlot } from '../../src/core/providers/location';

describe('online / local (location.ts)', () => {
  it('loopback, private networks, link-local, localhost and .local are local', () => {
    for (const url of [
      'http://127.0.0.1:8080/v1',
      'http://127.8.9.1',
      'http://localhost:11434',
      'http://LOCALHOST:1234/v1',
      'http://[::1]:8080',
      'http://10.1.2.3:11434',
      'http://172.16.0.1',
      'http://172.31.255.255',
      'http://192.168.1.20:1234/v1',
      'http://169.254.10.10',
      'http://[fd12:3456::1]:11434',
      'http://[fe80::1]:11434',
      'http://gpu-box.local:11434',
      'http://[::ffff:192.168.1.2]:80',
      'localhost:11434',
      ':11434',
    ]) {
      assert.equal(locationOfEndpoint(url), 'local', url);
    }
  });

  it('public addresses, public names and unparseable text are online', () => {
    for (const url of [
      'https://router.huggingface.co',
      'https://abc.endpoints.huggingface.cloud/v1',
      'http://172.32.0.1',
      'http://172.15.0.1',
      'http://8.8.8.8',
      'http://192.169.0.1',
      'http://[2001:db8::1]',
      'http://[::ffff:8.8.8.8]',
      'https://openrouter.ai/api/v1',
      'http://gpu-box:11434',
      'http://local.example.com',
      'not a url at all',
    ]) {
      assert.equal(locationOfEndpoint(url), 'online', url);
    }
  });

  it('a slot without an endpoint: what its kind means by default', () => {
    assert.equal(locationOfSlot({ provider: 'huggingface' }, undefined), 'online');
    assert.equal(locationOfSlot({ provider: 'ollama' }, undefined), 'local');
    assert.equal(locationOfSlot({ provider: 'llamacpp' }, null), 'local');
    assert.equal(locationOfSlot({ provider: 'vscode-lm' }, undefined), 'online');
    assert.equal(locationOfSlot({ provider: 'huggingface' }, 'http://127.0.0.1:8080/v1'), 'local', 'an HF slot on a local endpoint is local');
  });
});
