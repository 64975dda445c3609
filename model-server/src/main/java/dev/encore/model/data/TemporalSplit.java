package dev.encore.model.data;

import java.time.Instant;
import java.util.List;

/**
 * Train, validation and test interactions split by time, so that nothing from the test period can leak into
 * what is fitted: every training and validation event is earlier than every test event. Validation is the
 * last part of the training period, for early stopping and tuning.
 */
public record TemporalSplit(List<Interaction> train, List<Interaction> validation, List<Interaction> test) {

    public TemporalSplit {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
        Instant lastFitted = last(train).isAfter(last(validation)) ? last(train) : last(validation);
        if (!test.isEmpty() && !lastFitted.isBefore(test.get(0).time())) {
            throw new IllegalArgumentException("the test data must start after the training data ends: training ends "
                    + lastFitted + ", test starts " + test.get(0).time() + "; give later files to the test side");
        }
    }

    /**
     * Splits time-ordered training data at the time before which {@code 1 - validationShare} of it lies,
     * and checks the test data comes after both.
     */
    public static TemporalSplit of(List<Interaction> fitted, List<Interaction> test, double validationShare) {
        if (validationShare < 0 || validationShare >= 1) {
            throw new IllegalArgumentException("validation share must be in [0, 1), was " + validationShare);
        }
        int cut = (int) Math.round(fitted.size() * (1 - validationShare));
        while (cut > 0 && cut < fitted.size() && fitted.get(cut).time().equals(fitted.get(cut - 1).time())) {
            cut++;
        }
        return new TemporalSplit(fitted.subList(0, cut), fitted.subList(cut, fitted.size()), test);
    }

    private static Instant last(List<Interaction> interactions) {
        return interactions.isEmpty() ? Instant.MIN : interactions.get(interactions.size() - 1).time();
    }
}
