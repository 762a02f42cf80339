import { defineMessages } from '../shared/i18n.js';

// A notice above the results is keyed by the outcome it tells (`VoteOutcome['kind']`, `remembered-vote`).
// English: poll.messages.en.ts, in an on-demand part.
export const messages = defineMessages({
  vi: {
    vote: 'Bình chọn',
    viewResults: 'Xem kết quả',
    back: 'Quay lại',
    submitting: 'Đang gửi…',
    multipleHint: '(có thể chọn nhiều phương án)',
    retrying: (attempt: number, max: number) => `Gửi chưa thành công, đang gửi lại lần thứ ${attempt} (tối đa ${max} lần)…`,
    waiting: (wait: string) => `Máy chủ đang bận, sẽ tự gửi lại sau ${wait}…`,
    results: 'Kết quả bình chọn',
    count: (count: string, _votes: number) => `${count} lượt`,
    total: (count: string, _votes: number) => `Tổng số: ${count} lượt bình chọn`,
    yourChoice: '(lựa chọn của bạn)',
    yourChoices: (labels: string) => `Bạn đã chọn: ${labels}.`,
    counted: 'Cảm ơn bạn! Bình chọn của bạn đã được ghi nhận.',
    'remembered-vote': 'Bạn đã tham gia cuộc bình chọn này.',
    'already-counted': 'Phiếu bình chọn từ trình duyệt này đã được ghi nhận trước đó; lần này không được tính thêm.',
    closed: 'Cuộc bình chọn đã kết thúc.',
    'closed-before-vote': 'Cuộc bình chọn đã kết thúc trước khi phiếu của bạn tới máy chủ; phiếu không được tính.',
    resultsLater: 'Kết quả sẽ được công bố khi cuộc bình chọn kết thúc.',
    missingPollId: 'Chưa cấu hình cuộc bình chọn: thiếu thuộc tính poll-id.',
    badEndpoint: 'Chưa cấu hình cuộc bình chọn: địa chỉ máy chủ bình chọn (thuộc tính endpoint) không hợp lệ.',
    notFound: 'Không tìm thấy cuộc bình chọn này.',
    rejected: 'Máy chủ không nhận phiếu bình chọn này vì dữ liệu không hợp lệ. Vui lòng chọn lại.',
    voteTooLarge: 'Phiếu bình chọn quá lớn, máy chủ không nhận.',
    rateLimited: (wait: string) => `Có quá nhiều lượt bình chọn từ mạng của bạn. Vui lòng thử lại sau ${wait}.`,
    fewMinutes: 'ít phút',
    seconds: (count: number) => `${count} giây`,
    minutes: (count: number) => `${count} phút`,
  },
});
