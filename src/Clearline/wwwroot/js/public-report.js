// The public report form's proof of work (hashcash style): find a nonce such that SHA-256(challenge ":" nonce)
// starts with the given number of zero bits, then fill the hidden nonce field and enable the send button.
// The same file runs as a Web Worker (so the page stays responsive) and, where workers fail, in small chunks on the page.
(function () {
    'use strict';

    var K = new Uint32Array([
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2]);
    var schedule = new Uint32Array(64);

    function rotr(x, n) { return (x >>> n) | (x << (32 - n)); }

    // A small SHA-256 for where WebCrypto is missing (pages served over plain HTTP are not a secure context).
    function sha256(bytes) {
        var length = bytes.length;
        var count = ((length + 9 + 63) >> 6) << 4;
        var w = new Uint32Array(count);
        for (var i = 0; i < length; i++) { w[i >> 2] |= bytes[i] << (24 - (i & 3) * 8); }
        w[length >> 2] |= 0x80 << (24 - (length & 3) * 8);
        w[count - 1] = length * 8;
        var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
        var m = schedule;
        for (var j = 0; j < count; j += 16) {
            for (var t = 0; t < 16; t++) { m[t] = w[j + t]; }
            for (t = 16; t < 64; t++) {
                var x = m[t - 15], y = m[t - 2];
                m[t] = (m[t - 16] + (rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3)) + m[t - 7] + (rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10))) | 0;
            }
            var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
            for (t = 0; t < 64; t++) {
                var t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + m[t]) | 0;
                var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
                k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
            }
            h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
            h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + k) | 0;
        }
        var out = new Uint8Array(32);
        for (i = 0; i < 8; i++) { out[i * 4] = h[i] >>> 24; out[i * 4 + 1] = h[i] >>> 16; out[i * 4 + 2] = h[i] >>> 8; out[i * 4 + 3] = h[i]; }
        return out;
    }

    function zeroBits(hash) {
        var zeros = 0;
        for (var i = 0; i < hash.length; i++) {
            if (hash[i] === 0) { zeros += 8; continue; }
            return zeros + Math.clz32(hash[i]) - 24;
        }
        return zeros;
    }

    // Tries nonces 0, 1, 2… in batches; report(tried) between batches, which may wait so the page can breathe.
    async function solve(challenge, bits, report) {
        var encoder = new TextEncoder();
        var prefix = challenge + ':';
        var subtle = self.crypto && self.crypto.subtle;
        var batch = 256;
        var head = encoder.encode(prefix);
        var buffer = new Uint8Array(head.length + 20);
        buffer.set(head);
        for (var start = 0; ; start += batch) {
            var n;
            if (subtle) {
                var pending = [];
                for (n = start; n < start + batch; n++) { pending.push(subtle.digest('SHA-256', encoder.encode(prefix + n))); }
                var digests = await Promise.all(pending);
                for (n = 0; n < batch; n++) {
                    if (zeroBits(new Uint8Array(digests[n])) >= bits) { return String(start + n); }
                }
            } else {
                for (n = start; n < start + batch; n++) {
                    var digits = String(n);
                    for (var i = 0; i < digits.length; i++) { buffer[head.length + i] = digits.charCodeAt(i); }
                    if (zeroBits(sha256(buffer.subarray(0, head.length + digits.length))) >= bits) { return digits; }
                }
            }
            await report(start + batch);
        }
    }

    if (typeof window === 'undefined') {
        // As a worker: solve what the page sends, tell it the progress now and then.
        self.onmessage = async function (message) {
            var last = 0;
            var nonce = await solve(message.data.challenge, message.data.bits, function (tried) {
                if (tried - last >= 4096) { last = tried; self.postMessage({ tried: tried }); }
            });
            self.postMessage({ nonce: nonce });
        };
        return;
    }

    if (typeof module === 'object' && module.exports) {
        module.exports = { sha256: sha256, zeroBits: zeroBits, solve: solve };
        return;
    }

    var guard = document.querySelector('[data-pow]');
    if (!guard) { return; }
    var form = guard.closest('form');
    var challenge = guard.querySelector('input[name="pow-challenge"]').value;
    var nonceField = guard.querySelector('input[name="pow-nonce"]');
    var bits = parseInt(guard.getAttribute('data-pow-bits'), 10) || 0;
    var progress = guard.querySelector('[data-pow-progress]');
    var button = document.getElementById('send-report') || (form && form.querySelector('[type="submit"]'));
    var expected = Math.pow(2, bits);
    var started = Date.now();
    var solved = false;
    if (button) { button.disabled = true; }

    function show(tried) {
        // The chance of having found it by now: a fair progress figure for a search with no fixed length.
        var percent = Math.min(99, Math.floor(100 * (1 - Math.exp(-tried / expected))));
        if (Date.now() - started > 400) { progress.textContent = guard.getAttribute('data-pow-working').replace('{0}', percent); }
    }

    function done(nonce) {
        if (solved) { return; }
        solved = true;
        nonceField.value = nonce;
        progress.textContent = guard.getAttribute('data-pow-done');
        if (button) { button.disabled = false; }
    }

    function inChunks() {
        solve(challenge, bits, function (tried) {
            show(tried);
            return new Promise(function (resolve) { setTimeout(resolve, 0); });
        }).then(done);
    }

    var script = document.currentScript || document.querySelector('script[src*="public-report.js"]');
    try {
        var worker = new Worker(script.src);
        worker.onmessage = function (message) {
            if (message.data.nonce !== undefined) { done(message.data.nonce); worker.terminate(); } else { show(message.data.tried); }
        };
        worker.onerror = function (event) { event.preventDefault(); worker.terminate(); inChunks(); };
        worker.postMessage({ challenge: challenge, bits: bits });
    } catch (e) {
        inChunks();
    }
})();
