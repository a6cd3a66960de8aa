const PRIMARY = '#c8161d';

export default defineAppConfig({
  // The main package holds only the tab pages and sign-in; every module is a subpackage.
  pages: ['pages/home/index', 'pages/study/index', 'pages/mine/index', 'pages/sign-in/index'],
  subPackages: [
    {
      root: 'packages/ledger',
      // The committee's enterprise ledger, coverage and targets; officers' visit plans and the visit log (issues 15, 18).
      pages: [
        'pages/index/index',
        'pages/detail/index',
        'pages/edit/index',
        'pages/import/index',
        'pages/coverage/index',
        'pages/visits/index',
        'pages/visit-new/index',
      ],
    },
    {
      root: 'packages/admin',
      // The roll, a member's record and the secretary's add/edit form; the org tree; 档案更正 (the member asks, the branch decides).
      pages: [
        'pages/members/index',
        'pages/member-detail/index',
        'pages/member-edit/index',
        'pages/org-tree/index',
        'pages/org-import/index',
        'pages/corrections/index',
        'pages/correction-request/index',
        'pages/correction/index',
      ],
    },
    // Member check-in (scan, my meetings, personal code, history) and the projector's screen page.
    {
      root: 'packages/checkin',
      pages: ['pages/index/index', 'pages/scan/index', 'pages/meeting/index', 'pages/history/index', 'pages/my-code/index', 'pages/screen/index'],
    },
    // Secretaries and group leaders: schedule and run meetings (三会一课); C1 compliance, attendance rates, C5 review cases;
    // the month calendar (every member) and the branches' yearly plans (年度计划).
    {
      root: 'packages/meetings',
      pages: [
        'pages/list/index',
        'pages/create/index',
        'pages/detail/index',
        'pages/minutes/index',
        'pages/compliance/index',
        'pages/attendance-rate/index',
        'pages/review-cases/index',
        'pages/calendar/index',
        'pages/plans/index',
        'pages/plan/index',
      ],
    },
    // 党费: the member's fee, pay, history and receipts; the fee worker's bills, arrears and reports.
    {
      root: 'packages/fees',
      pages: [
        'pages/index/index',
        'pages/history/index',
        'pages/receipts/index',
        'pages/bills/index',
        'pages/arrears/index',
        'pages/report/index',
        'pages/standards/index',
        'pages/standard/index',
      ],
    },
    // Elections and motions by secret QR ballot: members scan, vote and check receipts; secretaries run the steps; the projector's screen.
    {
      root: 'packages/vote',
      pages: [
        'pages/index/index',
        'pages/ballot/index',
        'pages/receipt/index',
        'pages/election/index',
        'pages/motion/index',
        'pages/create/index',
        'pages/screen/index',
      ],
    },
    // 组织关系转接: the member applies, follows and reports; secretaries and committee workers work the three
    // queues, start transfers for members, approve, print and verify letters, register paper letters, see hosted
    // 流动党员; 消息 (the in-app inbox).
    {
      root: 'packages/transfer',
      pages: [
        'pages/index/index',
        'pages/apply/index',
        'pages/detail/index',
        'pages/queues/index',
        'pages/verify/index',
        'pages/register/index',
        'pages/mobile/index',
        'pages/inbox/index',
      ],
    },
    // 学习: courses, lesson players that resume, quizzes, points; secretaries' oversight and assignments; the workers' console.
    {
      root: 'packages/study',
      pages: [
        'pages/index/index',
        'pages/course/index',
        'pages/lesson/index',
        'pages/quiz/index',
        'pages/points/index',
        'pages/oversight/index',
        'pages/assign/index',
        'pages/assignment/index',
        'pages/console/index',
        'pages/course-edit/index',
        'pages/offline-training/index',
      ],
    },
    // 发展党员: the applicant's progress and application; the branch's pipeline board and steps; the committee's statistics.
    {
      root: 'packages/develop',
      pages: ['pages/mine/index', 'pages/detail/index', 'pages/board/index', 'pages/stats/index'],
    },
    // 通知公告 with read receipts: members read and acknowledge; publishers publish, see receipts, remind, export; the committee's 首页 banners (issue 14).
    {
      root: 'packages/notices',
      pages: ['pages/list/index', 'pages/detail/index', 'pages/publish/index', 'pages/receipts/index', 'pages/banners/index'],
    },
    // 党建动态: members read and like; secretaries write; committees review (issue 14).
    {
      root: 'packages/news',
      pages: ['pages/list/index', 'pages/detail/index', 'pages/edit/index'],
    },
    // 志愿服务 (issue 17, P4): activities, sign-up and waiting list, scan to sign in/out, teams, the organiser's code and roster, my hours.
    {
      root: 'packages/volunteer',
      pages: [
        'pages/index/index',
        'pages/activity/index',
        'pages/scan/index',
        'pages/teams/index',
        'pages/team/index',
        'pages/code/index',
        'pages/roster/index',
        'pages/mine/index',
        'pages/team-new/index',
        'pages/activity-new/index',
      ],
    },
    // 红色直播间 (issue 17): classes, the room (stream, heartbeats toward study hours, comments), the host rota.
    {
      root: 'packages/live',
      pages: ['pages/index/index', 'pages/room/index', 'pages/rota/index', 'pages/new/index'],
    },
    // 待办: one list of what waits for me across every module (issue 14).
    {
      root: 'packages/todos',
      pages: ['pages/index/index'],
    },
    // 党建知识: search the regulations and Q&A, read by chapter and article; committee workers manage the Q&A (issue 14).
    {
      root: 'packages/knowledge',
      pages: ['pages/index/index', 'pages/collection/index', 'pages/article/index', 'pages/qa/index', 'pages/manage/index'],
    },
    // 五个指数 (K5, issue 15): a committee's ranking, a branch's scores and why they changed, the committee's definitions.
    {
      root: 'packages/indexes',
      pages: ['pages/overview/index', 'pages/branch/index', 'pages/definitions/index'],
    },
    // 电子党员名片 (issue 17): my card with its rotating QR, what the public view shows, the public verify page (no sign-in).
    {
      root: 'packages/card',
      pages: ['pages/mine/index', 'pages/privacy/index', 'pages/verify/index', 'pages/distinctions/index'],
    },
    // 党员积分 (issue 17): my entries and rankings, the committee's versioned rules, deductions and their approval.
    {
      root: 'packages/points',
      pages: ['pages/index/index', 'pages/rules/index', 'pages/deductions/index'],
    },
    // 工作台 (issue 15): the desktop console's overview with charts and its data tables, and the committee hall's 数据大屏.
    {
      root: 'packages/console',
      pages: ['pages/index/index', 'pages/table/index', 'pages/screen/index', 'pages/indexes/index'],
    },
    // 企业服务 (issue 18): 诉求 (file, follow, handle, route, statistics, departments), service catalogue and rooms, temporary branches.
    {
      root: 'packages/requests',
      pages: [
        'pages/mine/index',
        'pages/new/index',
        'pages/detail/index',
        'pages/manage/index',
        'pages/services/index',
        'pages/temporary/index',
        'pages/contacts/index',
      ],
    },
    // PDCA 考评 (K6, issue 15): the committee's plans, rubric, scoring, results and 约谈; the branches' tasks and evidence.
    {
      root: 'packages/pdca',
      pages: ['pages/plans/index', 'pages/plan/index', 'pages/tasks/index', 'pages/task/index', 'pages/results/index', 'pages/talk/index'],
    },
  ],
  // Secretaries open the member list from 首页 right away; fetch a package while its entry page is read.
  preloadRule: {
    'pages/home/index': { network: 'all', packages: ['packages/admin', 'packages/checkin', 'packages/notices', 'packages/news', 'packages/todos'] },
    // every course, lesson and quiz opens from 学习
    'pages/study/index': { network: 'all', packages: ['packages/study'] },
  },
  lazyCodeLoading: 'requiredComponents',
  // Geofenced check-in and the geofence centre read the position (wx.getLocation).
  requiredPrivateInfos: ['getLocation'],
  permission: { 'scope.userLocation': { desc: '用于会议定位签到，确认您在会场范围内' } },
  // The browser tests' H5 build (DANGJIAN_TEST_BUILD=1) opens pages without Taro's slide-in.
  ...(process.env.DANGJIAN_TEST_BUILD === '1' ? { animation: false } : {}),
  window: {
    navigationBarBackgroundColor: PRIMARY,
    navigationBarTitleText: '智慧党建',
    navigationBarTextStyle: 'white',
    // 'default' also turns on Taro's H5 title bar (title, back on sub-pages, home on a deep link); weapp draws its own.
    navigationStyle: 'default',
    backgroundColor: '#f5f6f8',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#8a8f99',
    selectedColor: PRIMARY,
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/study/index',
        text: '学习',
        iconPath: 'assets/tab/study.png',
        selectedIconPath: 'assets/tab/study-active.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tab/mine.png',
        selectedIconPath: 'assets/tab/mine-active.png',
      },
    ],
  },
});
