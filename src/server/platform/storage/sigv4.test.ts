import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { EMPTY_SHA256, sha256Hex, signRequest, uriEncode } from './sigv4.ts'

// The examples of "Authenticating Requests: Using the Authorization Header (AWS Signature Version 4)"
// in the Amazon S3 API reference: same keys, date and bucket, and the signatures it prints.
const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
}
const now = new Date('2013-05-24T00:00:00Z')
const sign = (path: string, headers?: Record<string, string>) =>
  signRequest(
    {
      method: 'GET',
      url: new URL(`https://examplebucket.s3.amazonaws.com${path}`),
      headers,
      payloadHash: EMPTY_SHA256,
      region: 'us-east-1',
      now,
    },
    credentials,
  )

describe('AWS Signature Version 4 (the S3 documentation examples)', () => {
  test('GET Object with a Range header', () => {
    const h = sign('/test.txt', { Range: 'bytes=0-9' })
    assert.equal(
      h.authorization,
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    )
    assert.equal(h['x-amz-date'], '20130524T000000Z')
    assert.equal(h['x-amz-content-sha256'], EMPTY_SHA256)
    assert.equal(h.host, undefined, 'fetch sets Host itself')
  })

  test('PUT Object: a signed payload, extra headers and a key with "$"', () => {
    const h = signRequest(
      {
        method: 'PUT',
        url: new URL('https://examplebucket.s3.amazonaws.com/test$file.text'),
        headers: { Date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
        payloadHash: sha256Hex('Welcome to Amazon S3.'),
        region: 'us-east-1',
        now,
      },
      credentials,
    )
    assert.equal(
      h['x-amz-content-sha256'],
      '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072',
    )
    assert.equal(
      h.authorization,
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,' +
        'SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,' +
        'Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd',
    )
  })

  test('GET Bucket lifecycle (a query parameter without a value)', () => {
    assert.match(
      sign('/?lifecycle').authorization,
      /Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543$/,
    )
  })

  test('GET Bucket (list objects): query parameters sorted by name', () => {
    assert.match(
      sign('/?max-keys=2&prefix=J').authorization,
      /Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7$/,
    )
  })

  test('URI encoding leaves only unreserved characters', () => {
    assert.equal(uriEncode("a b/c$d!'()*~._-"), 'a%20b%2Fc%24d%21%27%28%29%2A~._-')
  })
})
