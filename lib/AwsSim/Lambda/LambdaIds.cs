namespace AwsSim.Lambda;

/// <summary>Lambda's request ids and environment ids: version-4 UUIDs from one seeded SplitMix64 stream.</summary>
internal sealed class LambdaIds(int seed)
{
    private ulong _idState = unchecked((ulong)seed * 0x2545_F491_4F6C_DD1DUL + 17);

    internal string NewRequestId()
    {
        // A version-4 UUID from the seeded generator (SplitMix64: fast and deterministic).
        var hi = (NextId() & 0xFFFF_FFFF_FFFF_0FFFUL) | 0x0000_0000_0000_4000UL;
        var lo = (NextId() & 0x3FFF_FFFF_FFFF_FFFFUL) | 0x8000_0000_0000_0000UL;
        return string.Create(36, (hi, lo), static (span, v) =>
        {
            const string hex = "0123456789abcdef";
            var pos = 0;
            for (var i = 0; i < 32; i++)
            {
                if (i is 8 or 12 or 16 or 20) span[pos++] = '-';
                var word = i < 16 ? v.hi : v.lo;
                var shift = 60 - 4 * (i % 16);
                span[pos++] = hex[(int)((word >> shift) & 0xF)];
            }
        });
    }

    internal string NewHex32() => NewRequestId().Replace("-", "", StringComparison.Ordinal);

    private ulong NextId()
    {
        var z = _idState += 0x9E37_79B9_7F4A_7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }
}
