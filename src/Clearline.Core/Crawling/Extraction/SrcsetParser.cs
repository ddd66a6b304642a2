namespace Clearline.Crawling.Extraction;

/// <summary>
/// Splits a <c>srcset</c> attribute into its candidate URLs, following the WHATWG algorithm: a URL runs to
/// the next whitespace (so it may contain commas), trailing commas end it, and descriptors (<c>2x</c>,
/// <c>800w</c>, also with parentheses) run to the next comma outside parentheses.
/// </summary>
internal static class SrcsetParser
{
    public static IEnumerable<string> Urls(string srcset)
    {
        var i = 0;
        while (i < srcset.Length)
        {
            while (i < srcset.Length && (IsSpace(srcset[i]) || srcset[i] == ','))
            {
                i++;
            }

            var start = i;
            while (i < srcset.Length && !IsSpace(srcset[i]))
            {
                i++;
            }

            var url = srcset[start..i];
            if (url.EndsWith(','))
            {
                url = url.TrimEnd(',');
            }
            else
            {
                i = SkipDescriptors(srcset, i);
            }

            if (url.Length > 0)
            {
                yield return url;
            }
        }
    }

    private static int SkipDescriptors(string srcset, int i)
    {
        var depth = 0;
        for (; i < srcset.Length; i++)
        {
            switch (srcset[i])
            {
                case '(':
                    depth++;
                    break;
                case ')' when depth > 0:
                    depth--;
                    break;
                case ',' when depth == 0:
                    return i + 1;
            }
        }

        return i;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';
}
