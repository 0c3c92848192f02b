// Satisfaction surveys (满意度调查, seed 004 §5.1.17): the rules of a questionnaire and the pure
// scoring of its answers. No I/O.
//
// A template's questions are scored scales (weight λ in integer basis points, a scale such as
// 1–5 or 0–10, optionally a "not applicable" choice) or free comments (unscored). The weights of
// the scored questions sum to exactly 1 = 10,000 basis points; integers, so no float drift.
//
// One response scores S = Σ λᵢ·sᵢ / Σ λᵢ over the ANSWERED scored questions, where sᵢ is the
// answer normalised to 0..1 on its scale ((v − min) / (max − min)). With every question answered
// the denominator is 1 and this is the seed's S = Σλs; a "not applicable" answer drops out and
// its weight is shared among the answered questions in proportion to their own weights. The
// score is kept as an exact fraction; bands and thresholds compare fractions, never floats.
//
// Bands (seed 004 §5.1.17 d): S ≥ 85 % satisfied (满意), 70 % ≤ S < 85 % fairly satisfied
// (较满意), 60 % ≤ S < 70 % moderately satisfied (一般满意), S < 60 % dissatisfied (不满意).
// A campaign is valid when its return rate (responses ÷ invitations) reaches the required rate
// (85 % unless the campaign says otherwise).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace fuwu::survey {

inline constexpr std::int64_t kBasisPoints = 10000;  // a weight or rate of 1
inline constexpr std::size_t kMaxQuestions = 50;
inline constexpr int kMaxScaleSpan = 10;  // max − min: 1..10 (1–5, 0–10, 1–4 ...)
inline constexpr std::size_t kMaxCommentChars = 2000;

enum class QuestionKind { scale, comment };
std::string_view question_kind_name(QuestionKind k);
std::optional<QuestionKind> parse_question_kind(std::string_view name);

struct Question {
  std::string key;  // [a-z][a-z0-9_]{0,39}, unique in the template
  QuestionKind kind = QuestionKind::scale;
  std::string text_zh;
  std::string text_en;
  std::int64_t weight_bp = 0;  // scale only: λ in basis points (0..10000)
  int scale_min = 1;           // scale only
  int scale_max = 5;
  bool allow_na = false;  // scale only: offers "not applicable" (不适用 / 未参加)
  // Optional labels per scale point, lowest first (e.g. 不满意 一般 较满意 满意); empty or one
  // per point.
  std::vector<std::string> labels_zh;
  std::vector<std::string> labels_en;
};

// Sum of the weights of the scored (scale) questions, in basis points.
std::int64_t weight_sum(const std::vector<Question>& questions);
// "0.95" for 9500: the sum as a decimal, for messages.
std::string weight_text(std::int64_t basis_points);

// validation_failed with one field error per broken rule, paths "/questions/<i>/<member>"
// (codes: required, invalid_format, duplicate, out_of_range, too_many, too_long). The weights
// are checked last and separately: if the rest is fine and they do not sum to 1, the error has
// code "weights_sum" on field "/questions" and a message naming the sum.
Status validate_questions(const std::vector<Question>& questions);

// One answer as submitted: a value on the scale, "not applicable", or a comment's text.
struct Answer {
  std::string key;
  std::optional<int> value;     // scale
  bool not_applicable = false;  // scale with allow_na
  std::string comment;          // comment questions (and an optional remark on a scale)
};

// An exact non-negative fraction num/den, den > 0.
struct Fraction {
  std::int64_t num = 0;
  std::int64_t den = 1;
};
// a ≥ b exactly.
bool at_least(Fraction a, Fraction b);
// The fraction as a percentage rounded half up to `decimals` places (0..6).
double percent(Fraction f, int decimals = 2);

struct Score {
  Fraction value;                       // 0..1
  std::int64_t answered_weight_bp = 0;  // Σ λ over answered scored questions
  std::int64_t na_weight_bp = 0;        // Σ λ of the questions answered "not applicable"
  int na_count = 0;
  // True when some weight was shared out (an N/A answer on a weighted question).
  bool redistributed() const { return na_weight_bp > 0; }
};

// Checks `answers` against the questions and scores them. validation_failed (fields
// "/answers/<key>") for: an unknown key (unknown_field), a key twice (duplicate), a scored
// question without an answer (required), a value outside the scale (out_of_range), N/A where not
// offered (not_allowed), both a value and N/A (invalid_format), a comment too long (too_long),
// and — when every weighted question is N/A — "/answers" no_score.
Result<Score> score_response(const std::vector<Question>& questions,
                             const std::vector<Answer>& answers);

enum class Band { satisfied, fairly_satisfied, moderately_satisfied, dissatisfied };
std::string_view band_name(Band b);  // satisfied | fairly_satisfied | ...
std::string_view band_label_zh(Band b);
std::string_view band_label_en(Band b);
Band band_of(Fraction score);
// The band of a percentage as shown (e.g. an average rounded to two places).
Band band_of_percent(double percent);

// A response below the threshold (basis points of 100 %) raises survey.low_score.
bool below_threshold(Fraction score, std::int64_t threshold_bp);

// Return rate and validity: valid when responses ÷ invitations ≥ required_bp / 10000.
// No invitations: rate 0, not valid.
struct ReturnRate {
  std::int64_t invitations = 0;
  std::int64_t responses = 0;
  std::int64_t required_bp = 8500;
  bool valid = false;
  double percent = 0;  // rounded to 2 places
};
ReturnRate return_rate(std::int64_t invitations, std::int64_t responses, std::int64_t required_bp);

}  // namespace fuwu::survey
