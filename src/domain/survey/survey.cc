#include "domain/survey/survey.h"

#include <cmath>
#include <numeric>
#include <set>

namespace fuwu::survey {
namespace {

constexpr std::size_t kMaxKeyChars = 40;
constexpr std::size_t kMaxTextChars = 500;
constexpr std::size_t kMaxLabelChars = 40;

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

bool valid_key(std::string_view k) {
  if (k.empty() || k.size() > kMaxKeyChars || k.front() < 'a' || k.front() > 'z') return false;
  for (char c : k)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

std::string at(std::size_t i, std::string_view member) {
  return "/questions/" + std::to_string(i) + "/" + std::string(member);
}

void check_labels(Error& e, std::size_t i, const Question& q, const std::vector<std::string>& l,
                  std::string_view member) {
  if (l.empty()) return;
  const auto points = static_cast<std::size_t>(q.scale_max - q.scale_min + 1);
  if (l.size() != points) {
    e.with_field(at(i, member), "invalid_format",
                 "one label per scale point (" + std::to_string(points) + ") or none");
  }
  for (const auto& label : l)
    if (label.empty() || code_points(label) > kMaxLabelChars) {
      e.with_field(at(i, member), "too_long", "labels are 1–40 characters");
      break;
    }
}

}  // namespace

std::string_view question_kind_name(QuestionKind k) {
  return k == QuestionKind::scale ? "scale" : "comment";
}

std::optional<QuestionKind> parse_question_kind(std::string_view name) {
  if (name == "scale") return QuestionKind::scale;
  if (name == "comment") return QuestionKind::comment;
  return std::nullopt;
}

std::int64_t weight_sum(const std::vector<Question>& questions) {
  std::int64_t sum = 0;
  for (const auto& q : questions)
    if (q.kind == QuestionKind::scale) sum += q.weight_bp;
  return sum;
}

std::string weight_text(std::int64_t bp) {
  std::string frac = std::to_string(bp % kBasisPoints);
  frac.insert(0, 4 - frac.size(), '0');
  while (frac.size() > 2 && frac.back() == '0')
    frac.pop_back();
  return std::to_string(bp / kBasisPoints) + "." + frac;
}

Status validate_questions(const std::vector<Question>& questions) {
  Error e(ErrorCode::validation_failed, "the questions break the template rules");
  if (questions.empty()) e.with_field("/questions", "required", "at least one question");
  if (questions.size() > kMaxQuestions) {
    e.with_field("/questions", "too_many", "at most 50 questions");
  }
  std::set<std::string> keys;
  bool scored = false;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    const auto& q = questions[i];
    if (!valid_key(q.key)) {
      e.with_field(at(i, "key"), "invalid_format",
                   "a lower-case word: letters, digits and _, at most 40 characters");
    } else if (!keys.insert(q.key).second) {
      e.with_field(at(i, "key"), "duplicate", "each question key once");
    }
    if (q.text_zh.empty()) e.with_field(at(i, "text_zh"), "required", "the question in Chinese");
    if (code_points(q.text_zh) > kMaxTextChars || code_points(q.text_en) > kMaxTextChars) {
      e.with_field(at(i, "text_zh"), "too_long", "at most 500 characters");
    }
    if (q.kind == QuestionKind::comment) {
      if (q.weight_bp != 0) {
        e.with_field(at(i, "weight_bp"), "not_allowed", "comment questions are not scored");
      }
      continue;
    }
    scored = true;
    if (q.weight_bp < 0 || q.weight_bp > kBasisPoints) {
      e.with_field(at(i, "weight_bp"), "out_of_range", "0..10000 basis points (0..1)");
    }
    const int span = q.scale_max - q.scale_min;
    if (q.scale_min < 0 || span < 1 || span > kMaxScaleSpan) {
      e.with_field(at(i, "scale_max"), "out_of_range",
                   "a scale from min ≥ 0 to max, with 2 to 11 points (e.g. 1–5, 0–10)");
    } else {
      check_labels(e, i, q, q.labels_zh, "labels_zh");
      check_labels(e, i, q, q.labels_en, "labels_en");
    }
  }
  if (!questions.empty() && !scored) {
    e.with_field("/questions", "required", "at least one scored (scale) question");
  }
  if (!e.fields.empty()) return e;
  const auto sum = weight_sum(questions);
  if (sum != kBasisPoints) {
    const std::string text = weight_text(sum);
    return Error(ErrorCode::validation_failed,
                 "the weights of the scored questions sum to " + text + ", not 1")
        .with_field("/questions", "weights_sum",
                    "weights sum to " + text + " (" + std::to_string(sum) +
                        " basis points); they must sum to exactly 1 (10000)");
  }
  return {};
}

bool at_least(Fraction a, Fraction b) {
  // a.num/a.den ≥ b.num/b.den. Scores: terms ≤ 10^4·2520; rates: counts ≤ 10^9 against 10^4.
  return a.num * b.den >= b.num * a.den;
}

double percent(Fraction f, int decimals) {
  std::int64_t scale = 100;
  for (int i = 0; i < decimals; ++i)
    scale *= 10;
  // Round half up on the exact value: floor((num·scale·2 + den) / (2·den)).
  const std::int64_t units = (f.num * scale * 2 + f.den) / (f.den * 2);
  return static_cast<double>(units) / static_cast<double>(scale / 100);
}

Result<Score> score_response(const std::vector<Question>& questions,
                             const std::vector<Answer>& answers) {
  Error e(ErrorCode::validation_failed, "the answers do not fit the questionnaire");
  std::set<std::string> seen;
  for (const auto& a : answers) {
    const std::string field = "/answers/" + a.key;
    if (!seen.insert(a.key).second) {
      e.with_field(field, "duplicate", "one answer per question");
      continue;
    }
    const Question* q = nullptr;
    for (const auto& candidate : questions)
      if (candidate.key == a.key) q = &candidate;
    if (q == nullptr) {
      e.with_field(field, "unknown_field", "no such question in this template");
      continue;
    }
    if (code_points(a.comment) > kMaxCommentChars) {
      e.with_field(field, "too_long", "at most 2000 characters");
    }
    if (q->kind == QuestionKind::comment) {
      if (a.value || a.not_applicable) {
        e.with_field(field, "not_allowed", "a comment question takes text only");
      }
      continue;
    }
    if (a.value && a.not_applicable) {
      e.with_field(field, "invalid_format", "either a value or not applicable");
    } else if (a.not_applicable && !q->allow_na) {
      e.with_field(field, "not_allowed", "this question has no \"not applicable\" choice");
    } else if (a.value && (*a.value < q->scale_min || *a.value > q->scale_max)) {
      e.with_field(
          field, "out_of_range",
          "outside the scale " + std::to_string(q->scale_min) + "–" + std::to_string(q->scale_max));
    }
  }
  for (const auto& q : questions) {
    if (q.kind == QuestionKind::scale && !seen.contains(q.key)) {
      e.with_field("/answers/" + q.key, "required",
                   q.allow_na ? "answer on the scale or not applicable" : "answer on the scale");
    }
  }
  if (!e.fields.empty()) return e;

  // Common denominator of the scales: lcm of their spans (≤ lcm(1..10) = 2520).
  std::int64_t lcm = 1;
  for (const auto& q : questions)
    if (q.kind == QuestionKind::scale) lcm = std::lcm(lcm, q.scale_max - q.scale_min);
  Score s;
  std::int64_t num = 0;
  for (const auto& a : answers) {
    const Question* q = nullptr;
    for (const auto& candidate : questions)
      if (candidate.key == a.key) q = &candidate;
    if (q->kind != QuestionKind::scale) continue;
    if (a.not_applicable) {
      s.na_weight_bp += q->weight_bp;
      ++s.na_count;
      continue;
    }
    s.answered_weight_bp += q->weight_bp;
    num += q->weight_bp * (*a.value - q->scale_min) * (lcm / (q->scale_max - q->scale_min));
  }
  if (s.answered_weight_bp == 0) {
    return Error(ErrorCode::validation_failed, "no weighted question was answered")
        .with_field("/answers", "no_score",
                    "every weighted question is \"not applicable\": nothing to score");
  }
  const std::int64_t den = s.answered_weight_bp * lcm;
  const std::int64_t g = std::gcd(num, den);
  s.value = {num / g, den / g};
  return s;
}

std::string_view band_name(Band b) {
  switch (b) {
    case Band::satisfied:
      return "satisfied";
    case Band::fairly_satisfied:
      return "fairly_satisfied";
    case Band::moderately_satisfied:
      return "moderately_satisfied";
    case Band::dissatisfied:
      return "dissatisfied";
  }
  return "dissatisfied";
}

std::string_view band_label_zh(Band b) {
  switch (b) {
    case Band::satisfied:
      return "满意";
    case Band::fairly_satisfied:
      return "较满意";
    case Band::moderately_satisfied:
      return "一般满意";
    case Band::dissatisfied:
      return "不满意";
  }
  return "不满意";
}

std::string_view band_label_en(Band b) {
  switch (b) {
    case Band::satisfied:
      return "Satisfied";
    case Band::fairly_satisfied:
      return "Fairly satisfied";
    case Band::moderately_satisfied:
      return "Moderately satisfied";
    case Band::dissatisfied:
      return "Dissatisfied";
  }
  return "Dissatisfied";
}

Band band_of(Fraction score) {
  if (at_least(score, {85, 100})) return Band::satisfied;
  if (at_least(score, {70, 100})) return Band::fairly_satisfied;
  if (at_least(score, {60, 100})) return Band::moderately_satisfied;
  return Band::dissatisfied;
}

Band band_of_percent(double p) {
  // Shown figures have at most a few decimals: compare in hundredths of a percent.
  const auto hundredths = static_cast<std::int64_t>(std::llround(p * 100));
  return band_of({hundredths, 10000});
}

bool below_threshold(Fraction score, std::int64_t threshold_bp) {
  return !at_least(score, {threshold_bp, kBasisPoints});
}

ReturnRate return_rate(std::int64_t invitations, std::int64_t responses, std::int64_t required_bp) {
  ReturnRate r;
  r.invitations = invitations;
  r.responses = responses;
  r.required_bp = required_bp;
  if (invitations <= 0) return r;
  const Fraction rate{responses, invitations};
  r.valid = at_least(rate, {required_bp, kBasisPoints});
  r.percent = percent(rate, 2);
  return r;
}

}  // namespace fuwu::survey
