namespace Clearline.Media.Tests.Pdq;

/// <summary>
/// A deliberately naive scalar transcription of PDQ.md §1.2–1.8 (one row or column at a time, divisions as written),
/// used as an oracle for the SIMD implementation on sizes and windows the reference data does not cover.
/// </summary>
internal static class ScalarPdqModel
{
    public static (string Hash, int Quality) Hash(float[] luma, int width, int height, bool copy64 = true)
    {
        if (width < 5 || height < 5)
        {
            return (new string('0', 64), 0);
        }

        var a = new float[64 * 64];
        if (copy64 && width == 64 && height == 64)
        {
            Array.Copy(luma, a, a.Length);
        }
        else
        {
            var buffer = (float[])luma.Clone();
            var scratch = new float[luma.Length];
            int wr = (width + 127) / 128, wc = (height + 127) / 128;
            for (var pass = 0; pass < 2; pass++)
            {
                for (var y = 0; y < height; y++)
                {
                    Box(buffer, scratch, y * width, 1, width, wr);
                }

                for (var x = 0; x < width; x++)
                {
                    Box(scratch, buffer, x, width, height, wc);
                }
            }

            for (var i = 0; i < 64; i++)
            {
                for (var j = 0; j < 64; j++)
                {
                    a[(i * 64) + j] = buffer[((int)((i + 0.5) * height / 64) * width) + (int)((j + 0.5) * width / 64)];
                }
            }
        }

        return (Threshold(Dct(a)), Quality(a));
    }

    private static void Box(float[] input, float[] output, int start, int stride, int length, int window)
    {
        var half = (window + 2) / 2;
        int li = 0, ri = 0, oi = 0, count = 0;
        var sum = 0f;
        for (var i = 0; i < half - 1; i++, ri++)
        {
            sum += input[start + (ri * stride)];
            count++;
        }

        for (var i = 0; i < window - half + 1; i++, ri++, oi++)
        {
            sum += input[start + (ri * stride)];
            count++;
            output[start + (oi * stride)] = sum / count;
        }

        for (var i = 0; i < length - window; i++, ri++, li++, oi++)
        {
            sum += input[start + (ri * stride)];
            sum -= input[start + (li * stride)];
            output[start + (oi * stride)] = sum / count;
        }

        for (var i = 0; i < half - 1; i++, li++, oi++)
        {
            sum -= input[start + (li * stride)];
            count--;
            output[start + (oi * stride)] = sum / count;
        }
    }

    private static int Quality(float[] a)
    {
        var sum = 0;
        for (var i = 0; i < 64; i++)
        {
            for (var j = 0; j < 64; j++)
            {
                if (i < 63)
                {
                    sum += Math.Abs((int)((a[(i * 64) + j] - a[((i + 1) * 64) + j]) * 100f / 255f));
                }

                if (j < 63)
                {
                    sum += Math.Abs((int)((a[(i * 64) + j] - a[(i * 64) + j + 1]) * 100f / 255f));
                }
            }
        }

        return Math.Min(100, sum / 90);
    }

    private static float[] Dct(float[] a)
    {
        var d = new float[16 * 64];
        for (var i = 0; i < 16; i++)
        {
            for (var j = 0; j < 64; j++)
            {
                d[(i * 64) + j] = (float)((double)(float)Math.Sqrt(2.0 / 64) * Math.Cos(Math.PI / 2.0 / 64 * (i + 1) * ((2 * j) + 1)));
            }
        }

        var t = new float[16 * 64];
        for (var i = 0; i < 16; i++)
        {
            for (var j = 0; j < 64; j++)
            {
                var sum = 0f;
                for (var k = 0; k < 64; k++)
                {
                    sum += d[(i * 64) + k] * a[(k * 64) + j];
                }

                t[(i * 64) + j] = sum;
            }
        }

        var b = new float[256];
        for (var i = 0; i < 16; i++)
        {
            for (var j = 0; j < 16; j++)
            {
                var sum = 0f;
                for (var k = 0; k < 64; k++)
                {
                    sum += t[(i * 64) + k] * d[(j * 64) + k];
                }

                b[(i * 16) + j] = sum;
            }
        }

        return b;
    }

    private static string Threshold(float[] b)
    {
        var median = b.Order().ElementAt(127);
        var words = new ushort[16];
        for (var k = 0; k < 256; k++)
        {
            if (b[k] > median)
            {
                words[k / 16] |= (ushort)(1 << (k % 16));
            }
        }

        return string.Concat(words.Reverse().Select(w => w.ToString("x4", CultureInfo.InvariantCulture)));
    }
}
