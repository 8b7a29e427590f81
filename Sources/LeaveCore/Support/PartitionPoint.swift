extension Array {
    /// The first index whose element is not `below`, in an array where every element that is
    /// comes before every one that is not (a sorted array and "less than x"): found by halving.
    /// A calendar's terms, a pupil's marks and the year's sessions are searched this way.
    public func partitionPoint(where below: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if below(self[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
