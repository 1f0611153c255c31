// The title bar at the top of a page: title, optional subtitle, actions on the right.
import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

export function PageHeader(props: { title: ReactNode; subtitle?: ReactNode; extra?: ReactNode }) {
  return (
    <Flex className="sg-page-header" justify="space-between" align="flex-start" wrap gap={12}>
      <div style={{ minWidth: 0 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{props.title}</Typography.Title>
        {props.subtitle ? <Typography.Text type="secondary">{props.subtitle}</Typography.Text> : null}
      </div>
      {props.extra ? <Flex gap={8} wrap>{props.extra}</Flex> : null}
    </Flex>
  );
}
