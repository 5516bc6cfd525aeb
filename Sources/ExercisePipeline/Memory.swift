/// glibc's `malloc_trim(3)`: hands the free pages inside the heap back to the system. A run's
/// long-lived allocations (each page's keys, the manifest's path keys) are small and interleaved
/// with the large short-lived ones of converting a page, so without it the heap's footprint
/// follows the most it ever held rather than what it holds. (Not in the Glibc module map, whose
/// malloc.h is not exported; the symbol is part of glibc's stable ABI.)
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32

enum Memory {
    static func trim() { _ = glibcMallocTrim(0) }
}

