package desktop

import "dataskydd/backend/retention"

// PreviewRetentionPolicy reports what the next run would do to one type if its policy were
// switched on with days: the count and a sample of the records, changing nothing. The
// anonymisation screen asks for the days and shows this before it switches a policy on.
func (a *RetentionService) PreviewRetentionPolicy(typeName string, days int) (TypeCounts, error) {
	_, s, err := a.requireRole(gdprRoles...)
	if err != nil {
		return TypeCounts{}, err
	}
	c, samples, err := a.schedulerFor(s).PreviewPolicy(a.ctx, typeName, days)
	if err != nil {
		return TypeCounts{}, retentionFail(err)
	}
	out := countsOf(map[string]*retention.Counts{typeName: &c}, map[string][]retention.Sample{typeName: samples})
	return out[0], nil
}
